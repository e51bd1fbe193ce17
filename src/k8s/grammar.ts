// The string grammars of Kubernetes, written once: apimachinery's validation (names, label keys and
// values, port and variable names) and resource.Quantity. The config schema, the constructs and the
// validation rules all take them from here, so they cannot disagree.

/** One grammar: a pattern (also usable as a JSON Schema `pattern`), a length limit and words for messages. */
export interface Grammar {
  /** Anchored regular expression source, valid for JavaScript and for ajv (unicode mode). */
  readonly pattern: string;
  readonly maxLength: number;
  /** What a value must be, in words: `a DNS label (...)`. */
  readonly description: string;
  test(value: unknown): value is string;
}

function grammar(pattern: string, maxLength: number, description: string): Grammar {
  const re = new RegExp(pattern, 'u');
  return {
    pattern,
    maxLength,
    description,
    test: (v: unknown): v is string => typeof v === 'string' && v.length <= maxLength && re.test(v),
  };
}

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';

/** RFC 1123 label (IsDNS1123Label): Namespaces, most object names, container and volume names. */
export function dnsLabel(maxLength = 63): Grammar {
  return grammar(
    `^${LABEL}$`,
    maxLength,
    `a DNS label (lowercase letters, digits and '-', at most ${maxLength} characters)`,
  );
}
export const DNS_LABEL = dnsLabel();

/** RFC 1035 label (IsDNS1035Label): Service names, which must start with a letter. */
export const DNS_1035_LABEL = grammar(
  '^[a-z]([-a-z0-9]*[a-z0-9])?$',
  63,
  "a DNS-1035 label (a lowercase letter, then lowercase letters, digits and '-', at most 63 characters)",
);

/** RFC 1123 subdomain (IsDNS1123Subdomain): ConfigMap, Secret, StorageClass and most other names. */
export function dnsSubdomain(maxLength = 253): Grammar {
  return grammar(
    `^${LABEL}(\\.${LABEL})*$`,
    maxLength,
    `a DNS subdomain (lowercase letters, digits, '-' and '.', at most ${maxLength} characters)`,
  );
}
export const DNS_SUBDOMAIN = dnsSubdomain();

const QUALIFIED_NAME = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

/** A label value (IsValidLabelValue): empty, or up to 63 alphanumerics, '-', '_' or '.', alphanumeric at both ends. */
export const LABEL_VALUE = grammar(
  `^(${QUALIFIED_NAME})?$`,
  63,
  "a label value (at most 63 letters, digits, '-', '_' or '.', a letter or digit at both ends)",
);

/** A label or annotation key (IsQualifiedName): `[prefix/]name`, prefix a DNS subdomain, name at most 63. */
export const LABEL_KEY: Grammar = (() => {
  const name = new RegExp(`^${QUALIFIED_NAME}$`);
  const description = "a label key ([DNS subdomain prefix/]name, the name at most 63 letters, digits, '-', '_' or '.')";
  const test = (v: unknown): v is string => {
    if (typeof v !== 'string') return false;
    const slash = v.lastIndexOf('/');
    const local = v.slice(slash + 1);
    return local.length <= 63 && name.test(local) && (slash < 0 || DNS_SUBDOMAIN.test(v.slice(0, slash)));
  };
  return { pattern: `^(${LABEL}(\\.${LABEL})*/)?${QUALIFIED_NAME}$`, maxLength: 253 + 1 + 63, description, test };
})();

/** A port name (IsValidPortName): at most 15 lowercase alphanumerics and '-', a letter among them, no '--'. */
export const PORT_NAME = grammar(
  '^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*$',
  15,
  "an IANA service name (at most 15 lowercase letters, digits and '-', with a letter, no '--')",
);

/** An environment variable name (IsEnvVarName). */
export const ENV_VAR_NAME = grammar(
  '^[-._a-zA-Z][-._a-zA-Z0-9]*$',
  Infinity,
  "an environment variable name (letters, digits, '_', '-' or '.', not starting with a digit)",
);

/** A C identifier: what `$(NAME)` expansion in command and args looks for. */
export const C_IDENTIFIER = grammar('^[A-Za-z_][A-Za-z0-9_]*$', Infinity, 'a C identifier');

/** A host name or an IPv4 address: what the workshop's traceroute and ping targets may be. */
export const HOST = grammar('^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$', 253, 'a host name or IP address');

// resource.Quantity (k8s.io/apimachinery/pkg/api/resource/quantity.go):
//   <quantity> ::= <signedNumber><suffix>; <suffix> ::= <binarySI> | <decimalExponent> | <decimalSI>
//   <binarySI> ::= Ki | Mi | Gi | Ti | Pi | Ei;  <decimalSI> ::= m | "" | k | M | G | T | P | E
//   <decimalExponent> ::= "e" <signedNumber> | "E" <signedNumber>
//   <number> ::= <digits> | <digits>.<digits> | <digits>. | .<digits>
const SCALE: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};
const QUANTITY_RE = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:[eE]([+-]?[0-9]+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$/;

export const QUANTITY: Grammar = {
  pattern: QUANTITY_RE.source,
  maxLength: Infinity,
  description: 'a Kubernetes quantity such as 100m, 64Mi, 1Gi, 1e3 or 1.5',
  test: (v: unknown): v is string => typeof v === 'string' && QUANTITY_RE.test(v),
};

/**
 * The value of a quantity (`64Mi` -> 67108864, `100m` -> 0.1), or undefined when it does not parse.
 * Numbers are quantities too: YAML `cpu: 1` arrives as a number and the API server accepts it.
 */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  if (typeof q !== 'string') return undefined;
  const m = QUANTITY_RE.exec(q);
  if (!m) return undefined;
  const exponent = m[2] === undefined ? 1 : 10 ** Number(m[2]);
  return Number(m[1]) * exponent * SCALE[m[3] ?? ''];
}

/** A container image reference as a setting may give one: `alpine:3.8`, `ghcr.io/o/i@sha256:...`. */
export const IMAGE_REF = grammar(
  '^[a-z0-9]+([._/:@-][A-Za-z0-9_.-]+)*$',
  Infinity,
  'a container image reference such as alpine:3.8',
);
