import bcrypt from "bcryptjs";

// bcrypt cost 11: about 0.1 s per hash here, slow enough to resist guessing and fast enough for sign-in.
const COST = 11;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}
