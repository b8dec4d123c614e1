import { ApiError } from '../../../../../provider/engine/elb-api/protocol/api-error';

/** The `ApiError` that `fn` throws (any other error is rethrown; no error fails the test). */
export function refusal(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}
