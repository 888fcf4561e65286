/** Bulk API 2.0 job ids (`750…`) as they go into request paths: from an answer or a checkpoint in Redis. */
const JOB_ID = /^750[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/** The id, checked: a checkpoint could hold anything, and it ends up in a URL path. */
export function checkedJobId(jobId: string): string {
  if (!JOB_ID.test(jobId)) throw new Error(`not a Bulk API job id: ${JSON.stringify(jobId)}`);
  return jobId;
}
