// Reads the live routing registry (one collection) with @google-cloud/firestore, page by
// page. Credentials come from Google application-default credentials; against the
// emulator none are needed. Errors become a RegistryReadError with a message that says
// what to do, never a stack trace.
import { FieldPath, Firestore } from "@google-cloud/firestore";

export interface RegistrySource {
  readonly project: string;
  readonly database: string;
  readonly collection: string;
  /** "127.0.0.1:8080": read the emulator instead of the real service. */
  readonly emulatorHost?: string;
}

export interface LiveDocument {
  readonly id: string;
  readonly data: Record<string, unknown>;
}

export class RegistryReadError extends Error {}

export interface ReadOptions {
  readonly pageSize?: number;
  /** Called after each page with the number of documents read so far. */
  readonly onProgress?: (read: number) => void;
  /** Gives up after this long. @default 60000 */
  readonly timeoutMs?: number;
}

async function checkEmulator(host: string): Promise<void> {
  try {
    const response = await fetch(`http://${host}/`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    throw new RegistryReadError(
      `could not reach the Firestore emulator at ${host} (${(error as Error).message}); start it with \`gcloud emulators firestore start --host-port=${host}\` or pass the right --emulator address`,
    );
  }
}

function explain(error: unknown, source: RegistrySource): RegistryReadError {
  const code = (error as { code?: number }).code;
  const where = `projects/${source.project}/databases/${source.database}/documents/${source.collection}`;
  const first = String((error as Error)?.message ?? error).split("\n")[0];
  switch (code) {
    case 7:
      return new RegistryReadError(`permission denied reading ${where}: the application-default credentials need roles/datastore.viewer on project ${source.project} (gcloud auth application-default login)`);
    case 16:
      return new RegistryReadError(`not authenticated for ${where}: run \`gcloud auth application-default login\` or set GOOGLE_APPLICATION_CREDENTIALS`);
    case 5:
      return new RegistryReadError(`${where} was not found: check --project and the stack's routing-infra:registryDatabase (${first})`);
    case 14:
    case 4:
      return new RegistryReadError(`Firestore did not answer for ${where} (${first}); check the network and try again`);
    default:
      if (/Could not load the default credentials/i.test(first)) {
        return new RegistryReadError(`no Google credentials found to read ${where}: run \`gcloud auth application-default login\` or set GOOGLE_APPLICATION_CREDENTIALS`);
      }
      return new RegistryReadError(`could not read ${where}: ${first}`);
  }
}

export async function readRegistry(source: RegistrySource, options: ReadOptions = {}): Promise<LiveDocument[]> {
  if (source.emulatorHost) await checkEmulator(source.emulatorHost);
  const previous = process.env.FIRESTORE_EMULATOR_HOST;
  if (source.emulatorHost) process.env.FIRESTORE_EMULATOR_HOST = source.emulatorHost;
  else delete process.env.FIRESTORE_EMULATOR_HOST;
  const db = new Firestore({ projectId: source.project, databaseId: source.database });
  const pageSize = options.pageSize ?? 500;
  const documents: LiveDocument[] = [];
  let timer: NodeJS.Timeout | undefined;
  try {
    const reading = (async () => {
      let last: string | undefined;
      for (;;) {
        let query = db.collection(source.collection).orderBy(FieldPath.documentId()).limit(pageSize);
        if (last !== undefined) query = query.startAfter(last);
        const page = await query.get();
        for (const doc of page.docs) documents.push({ id: doc.id, data: doc.data() });
        options.onProgress?.(documents.length);
        if (page.size < pageSize) return documents;
        last = page.docs[page.docs.length - 1].id;
      }
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${options.timeoutMs ?? 60000} ms`), { code: 4 })), options.timeoutMs ?? 60000);
    });
    return await Promise.race([reading, timeout]);
  } catch (error) {
    if (error instanceof RegistryReadError) throw error;
    throw explain(error, source);
  } finally {
    if (timer) clearTimeout(timer);
    await db.terminate().catch(() => undefined);
    if (previous === undefined) delete process.env.FIRESTORE_EMULATOR_HOST;
    else process.env.FIRESTORE_EMULATOR_HOST = previous;
  }
}
