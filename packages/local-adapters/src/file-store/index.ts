export { FileCustomerRepo, type FileCustomerRepoOptions } from "./file-customer-repo.js";
export { FileDocumentStore, type FileDocumentStoreOptions, UPLOADS_PREFIX } from "./file-document-store.js";
export type { FileLockOptions } from "./file-lock.js";
