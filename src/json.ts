// JSON from outside the program: a manifest parsed from YAML, an API server's answer, an OpenAPI
// schema, a kubeconfig. TypeScript cannot know its shape, so code reads it defensively (optional
// chaining, typeof checks) and checks every field it relies on. This is the project's one `any`:
// every other value has a type, and `npm run lint` refuses `any` anywhere else.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the JSON boundary, named once
export type Json = any;
