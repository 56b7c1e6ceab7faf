/** The accounts the e2e run creates (its database is fresh each run). */
export const ADMIN = { email: "ada@e2e.test", password: "admin password 1" };
export const VIEWER = { email: "vic@e2e.test", password: "viewer password 1" };
export const REVIEWER = { email: "rae@e2e.test", password: "reviewer password 1" };
/** A teammate's password: nothing of their email or role in it (the password rules refuse that). */
export const MEMBER_PASSWORD = "lantern orchard violet 1";
/** The new-password field of setup and invitation pages (its label states the minimum length). */
export const NEW_PASSWORD_LABEL = /^Password \(\d+ characters or more\)$/;
