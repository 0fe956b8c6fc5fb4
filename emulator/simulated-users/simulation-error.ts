/** Error thrown when a simulated user's input could not be entered in a real Discord client. */
export class SimulationError extends Error {
  override name = 'SimulationError';
}
