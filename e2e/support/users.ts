/** The accounts the e2e run creates (its database is fresh each run). */
export const ADMIN = { email: "ada@e2e.test", password: "admin password 1" };
export const VIEWER = { email: "vic@e2e.test", password: "viewer password 1" };
export const REVIEWER = { email: "rae@e2e.test", password: "reviewer password 1" };
