-- Issue 20 (parts 1 and 2): single sign-on and two-factor sign-in.
-- A user made by a first single sign-on waits for an officer to confirm their role: `pending` users cannot
-- sign in. Two-factor secrets (encrypted with the server key), the last accepted time step and the hashes of
-- the recovery codes live in the user's doc; codes are checked and spent under the user's advisory lock, so
-- a code cannot be used twice, not even at once on two instances.
ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending'));
CREATE INDEX users_pending_idx ON users (status) WHERE status = 'pending';
