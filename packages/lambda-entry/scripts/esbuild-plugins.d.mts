import type { Plugin } from "esbuild";

export declare function literalTraitKeys(source: string): string;
export declare const treeShakeableSdkSchemas: Plugin;
export declare const lambdaCredentials: Plugin;
