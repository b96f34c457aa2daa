// The README.md `harness k8s` writes beside its manifests: how to apply, watch and collect this one test, with its
// names filled in. Pure text.

import { COLLECTOR_SECONDS, LABELS, RESULTS_MOUNT, jobName, type ShardJobInput } from './shardJob.ts';

export const MANIFEST_FILES = { manifests: 'manifests.yaml', collector: 'collector.yaml', readme: 'README.md' } as const;

export interface ReadmeInput {
  job: ShardJobInput;
  /** The manifests' folder as the user wrote it (commands are shown with it). */
  dir: string;
  writtenAt: Date;
  describe: string;
}

export function k8sReadme({ job, dir, writtenAt, describe }: ReadmeInput): string {
  const name = jobName(job.testid);
  const ns = `-n ${job.namespace}`;
  const file = (f: string) => `${dir.replace(/\/$/, '')}/${f}`;
  const selector = `${LABELS.testid}=${job.testid}`;
  const copied = `results/${job.testid}-shards`;
  const from = Array.from({ length: job.shards }, (_, i) => `${copied}/shard-${i}`).join(' ');
  const { sizing } = job;
  return `# Load test ${job.testid} on Kubernetes

Written by \`harness k8s\` at ${writtenAt.toISOString()}: profile \`${job.profile}\` (${describe}) on ${job.shards} shard${job.shards === 1 ? '' : 's'} against ${job.baseUrl}.

**The shards start their load together at ${new Date(job.startAtMs).toISOString()}** (\`--start-at ${job.startAtMs}\`). Apply
before then, leaving time to pull the image and schedule every pod; a shard ready after it starts at once, says so in
its log and is judged with it. Write the manifests again (\`--start-delay\`) rather than apply them late.

| file | what it holds |
| --- | --- |
| \`${MANIFEST_FILES.manifests}\` | ConfigMap \`${name}-targets\` (targets.yaml); PersistentVolumeClaim \`${name}-results\` (ReadWriteMany, ${sizing.storageGiB} GiB${job.storageClass ? `, class ${job.storageClass}` : ', the default class'}); Job \`${name}\` (Indexed, ${job.shards} pods of ${sizing.cpuCores} CPU and ${sizing.memoryMiB} MiB, each \`harness shard --index $(JOB_COMPLETION_INDEX) --of ${job.shards}\`) |
| \`${MANIFEST_FILES.collector}\` | Pod \`${name}-collect\`: mounts the results claim for ${COLLECTOR_SECONDS / 60} minutes, to copy the shard folders out |

Every object carries the labels \`${selector}\` and \`${LABELS.profile}=${job.profile}\`.

## Apply

\`\`\`sh
kubectl apply -f ${file(MANIFEST_FILES.manifests)}
\`\`\`

The claim needs a storage class that provides ReadWriteMany (NFS, CephFS, EFS, Filestore, Azure Files…); with none,
the pods stay Pending: \`kubectl ${ns} describe pvc ${name}-results\`.

## Watch

\`\`\`sh
kubectl ${ns} get pods -l ${selector} -w
kubectl ${ns} logs -f -l ${selector},${LABELS.component}=shard --prefix --max-log-requests ${Math.max(5, job.shards)}
kubectl ${ns} wait --for=condition=complete job/${name} --timeout=${job.activeDeadlineSeconds}s
\`\`\`

${job.prometheusUrl ? `Metrics go to ${job.prometheusUrl} by remote write, labelled \`testid="${job.testid}"\` and \`shard\`: about ${sizing.prometheusSamplesPerSecond.toLocaleString('en-US')} samples a second for the ${job.shards} shard${job.shards === 1 ? '' : 's'}.` : 'Metrics are off (--prometheus off): the shard folders are the only record.'}
A shard that fails (its exit code, an out-of-memory kill, an eviction) fails the Job, which is never retried
(\`backoffLimit: 0\`: a retried shard would send its journeys again) and stops the other shards:
\`kubectl ${ns} describe job/${name}\` says which.

## Collect

\`\`\`sh
kubectl apply -f ${file(MANIFEST_FILES.collector)}
kubectl ${ns} wait --for=condition=Ready pod/${name}-collect
kubectl ${ns} cp ${name}-collect:${RESULTS_MOUNT}/${job.testid} ${copied}
npm run harness -- collect --from ${from} --out results/${job.testid}
kubectl ${ns} delete -f ${file(MANIFEST_FILES.collector)}
\`\`\`

When the run folder is safe, \`kubectl delete -f ${file(MANIFEST_FILES.manifests)}\` removes the Job, the ConfigMap and the
claim with the shard folders on it.
`;
}
