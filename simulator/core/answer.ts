/** A route's answer with a status other than 200 (e.g. the 202 of `POST /leads/update-interest-status`). */
export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
