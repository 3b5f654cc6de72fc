/** What a form or button says when its console call got no answer at all (the network, or the console down). */
export const UNREACHABLE_TEXT = "The console could not be reached.";

/** Screens outside the console's shell (a second factor being set up, a reset link) say what to do next too. */
export const UNREACHABLE_TRY_AGAIN_TEXT = "The console could not be reached. Try again.";
