// An answer the exchange means to give: its status and the message the consumer reads. Any other error is a 500
// whose message is never shown (app.ts's error handler).

export class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
