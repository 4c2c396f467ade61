import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

type Serializer = (data: unknown) => string;
type RouteSchema = Parameters<ReturnType<ReturnType<typeof SerializerSelector>>>[0];

/**
 * Fastify's own response serializers (fast-json-stringify), each compiled on its route's first
 * response instead of all at start: compiling the serializers of every documented response took
 * most of the platform's start-up (1.7 s of 2.5), paid again by every test that starts it. The
 * serializer and its output are the same; a schema that cannot compile fails on first use, and
 * the authorisation matrix test calls every route.
 */
export function lazySerializers(): ReturnType<typeof SerializerSelector> {
  const build = SerializerSelector();
  return (externalSchemas, serializerOpts) => {
    const compile = build(externalSchemas, serializerOpts);
    return (route: RouteSchema) => {
      let serialize: Serializer | undefined;
      return (data: unknown) => (serialize ??= compile(route) as Serializer)(data);
    };
  };
}
