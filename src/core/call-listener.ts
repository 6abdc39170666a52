/**
 * @internal Calls a user's listener so that nothing it does reaches the caller: a throw or a rejected
 * promise goes to `onError` (which logs it). Every event and callback the library fires goes through here.
 */
export function callListener<T>(
  listener: (payload: T) => unknown,
  payload: T,
  onError: (error: unknown) => void,
): void {
  try {
    const out = listener(payload);
    if (out && typeof (out as PromiseLike<unknown>).then === 'function')
      (out as PromiseLike<unknown>).then(undefined, onError);
  } catch (error) {
    onError(error);
  }
}
