import type { BuildOptions, Plugin } from "esbuild";

export declare function literalTraitKeys(source: string): string;
export declare const treeShakeableSdkSchemas: Plugin;
export declare const lambdaCredentials: Plugin;
export declare const BUNDLE_SETTINGS: BuildOptions;
