/**
 * An error answered in AWS's Query-API shape: `<ErrorResponse><Error><Type/><Code/><Message/></Error>`.
 *
 * `code` is AWS's error code (what the AWS SDKs and Terraform match on), never a SECLB_ code; the
 * message names the parameter, the value, the rule and the fix, and quotes the policy model's
 * finding codes when the model refused the input.
 */
export class ApiError extends Error {
  constructor(
    /** AWS's error code, e.g. `LoadBalancerNotFound`. */
    public readonly code: string,
    message: string,
    /** The HTTP status AWS answers with (400 unless AWS documents another). */
    public readonly httpStatus = 400,
    /** `Sender` (the caller's fault) or `Receiver` (ours). */
    public readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Factories for the errors every action shares (AWS's common Query-API errors). */
export const ApiErrors = {
  missingParameter(name: string): ApiError {
    return new ApiError('MissingParameter', `The request must contain the parameter ${name}.`);
  },
  validation(message: string): ApiError {
    return new ApiError('ValidationError', message);
  },
  badType(name: string, value: string, expected: string): ApiError {
    return new ApiError('ValidationError',
      `1 validation error detected: Value '${value.slice(0, 200)}' at '${name}' failed to satisfy constraint: Member must be ${expected}.`);
  },
  invalidAction(action: string, service: string): ApiError {
    return new ApiError('InvalidAction', `The action ${action.slice(0, 100)} is not valid for this web service (${service}); this engine answers the actions listed in docs/elb-api.md.`);
  },
  loadBalancerNotFound(name: string): ApiError {
    return new ApiError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);
  },
  internal(message: string): ApiError {
    return new ApiError('InternalFailure', message, 500, 'Receiver');
  },
};
