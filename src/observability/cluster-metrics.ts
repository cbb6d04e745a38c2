/**
 * /metrics under WORKERS=N: a scrape reaches one worker, but must report the
 * whole server. The worker that is asked sends a request to the primary over
 * the cluster's IPC channel; the primary gathers every worker's registry with
 * prom-client's AggregatorRegistry (counters and histograms summed, per its
 * rules for each metric) and sends the text back. A single process (no
 * cluster) answers from its own registry.
 */
import cluster from "node:cluster";
import { AggregatorRegistry, type Registry } from "prom-client";

const REQUEST = "isoc-api:cluster-metrics-request";
const REPLY = "isoc-api:cluster-metrics-reply";
/** prom-client's own wait for the workers is 5 s; the asking worker waits a little longer for the primary. */
const TIMEOUT_MS = 6000;

interface Request {
  type: typeof REQUEST;
  id: number;
}
interface Reply {
  type: typeof REPLY;
  id: number;
  text?: string;
  error?: string;
}

/** In a worker: lets the primary's AggregatorRegistry read this registry (prom-client answers its requests). */
export function shareWithPrimary(registry: Registry): void {
  if (!cluster.isWorker) return;
  // Constructing one installs prom-client's answering listener in this worker.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** In the primary: answers the workers' requests for the cluster's metrics. */
export function answerMetricsRequests(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker, message: Request) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: REPLY, id: message.id, text } satisfies Reply),
      (error: Error) => worker.send({ type: REPLY, id: message.id, error: error.message } satisfies Reply),
    );
  });
}

let nextId = 0;

/** The metrics of the whole server: every worker's, summed, in a cluster; this registry's otherwise. */
export async function scrape(registry: Registry): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = nextId++;
  return new Promise<string>((resolve, reject) => {
    const onMessage = (message: Reply) => {
      if (message?.type !== REPLY || message.id !== id) return;
      clearTimeout(timer);
      process.off("message", onMessage);
      if (message.error !== undefined) reject(new Error(`cluster metrics: ${message.error}`));
      else resolve(message.text!);
    };
    const timer = setTimeout(() => {
      process.off("message", onMessage);
      reject(new Error("cluster metrics: the primary did not answer"));
    }, TIMEOUT_MS);
    process.on("message", onMessage);
    process.send!({ type: REQUEST, id } satisfies Request);
  });
}
