import { Context } from '@temporalio/activity';

/** Heartbeats the current activity; a no-op outside one (tests call activity factories directly). */
export function heartbeat(): void {
  try {
    Context.current().heartbeat();
  } catch {
    // called outside an activity
  }
}
