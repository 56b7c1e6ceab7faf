import { type Browser, expect, type Page } from "@playwright/test";
import { MEMBER_PASSWORD, NEW_PASSWORD_LABEL } from "./users";

/** A fresh browser context with nobody signed in. */
export async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

/**
 * Invites a teammate through the admin's Team page and accepts the invitation
 * in a new browser: returns that teammate's signed-in page.
 */
export async function addMember(admin: Page, browser: Browser, email: string, role: "viewer" | "reviewer" | "admin", password = MEMBER_PASSWORD): Promise<Page> {
  await admin.goto("/admin/team");
  await admin.getByLabel("Email to invite").fill(email);
  await admin.getByLabel("Role for the invitation").selectOption(role);
  await admin.getByRole("button", { name: "Create invitation" }).click();
  const link = (await admin.getByTestId("invite-link").textContent())!;
  const member = await anonymousPage(browser);
  await member.goto(link);
  await member.getByLabel(NEW_PASSWORD_LABEL).fill(password);
  await member.getByLabel("Password again").fill(password);
  await member.getByRole("button", { name: "Create my account" }).click();
  await expect(member.getByTestId("current-user")).toContainText(email);
  return member;
}
