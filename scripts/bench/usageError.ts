/** A mistake in how the benchmark was called (arguments, environment): reported without a stack trace. */
export class UsageError extends Error {}
