/** Who acts: a logged-in user, or (CLI, set-up, background work) a name without an account. */
export interface Actor {
  userId: number | null;
  username: string;
}

/** An actor who is a logged-in user (decisions, closing warnings: things only staff do). */
export interface StaffActor extends Actor {
  userId: number;
}
