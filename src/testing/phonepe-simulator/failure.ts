/** A failure's codes, as PhonePe reports them on a FAILED order or attempt. */
export interface Failure {
  errorCode: string;
  detailedErrorCode: string | undefined;
}

/** Detailed codes PhonePe's samples pair with an error code; others get none rather than an invented one. */
const DETAILED_ERROR_CODES: Readonly<Record<string, string>> = { INVALID_MPIN: 'ZM' };

/** The one source of a failure's codes: the transition's own, else the order's, else PhonePe's sample. */
export function failureOf(
  order: { errorCode: string | undefined; detailedErrorCode: string | undefined },
  detail: { errorCode?: string; detailedErrorCode?: string },
): Failure {
  const errorCode = detail.errorCode ?? order.errorCode ?? 'INVALID_MPIN';
  const detailedErrorCode = detail.errorCode
    ? detail.detailedErrorCode
    : (detail.detailedErrorCode ?? order.detailedErrorCode);
  return { errorCode, detailedErrorCode: detailedErrorCode ?? DETAILED_ERROR_CODES[errorCode] };
}

/** `errorCode`, and `detailedErrorCode` when there is one. */
export function errorFields(failure: Failure): Record<string, string> {
  return failure.detailedErrorCode
    ? { errorCode: failure.errorCode, detailedErrorCode: failure.detailedErrorCode }
    : { errorCode: failure.errorCode };
}

/** `errorContext` as in PhonePe's FAILED sample; source, stage and description only where it shows them. */
export function errorContextOf(failure: Failure): Record<string, string> {
  return {
    ...errorFields(failure),
    ...(failure.errorCode === 'INVALID_MPIN'
      ? { source: 'CUSTOMER', stage: 'AUTHENTICATION', description: 'Wrong MPIN was entered' }
      : {}),
  };
}
