/*
 * How long a password may be, apart from its zod schema (password-policy.ts): forms in the browser state the
 * rule, and importing the schema would ship zod to every page with a password field.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
