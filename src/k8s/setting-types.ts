// The types of setting values, as the props of the constructs and workshop.yaml use them. Each is
// a plain string or number to TypeScript; its name says what it must be. The workshop.yaml schema
// is generated from the props (npm run schema), and takes each string type's pattern, length and
// words from the grammar named here, the others from the tags on their declaration.
import { DNS_LABEL, DNS_SUBDOMAIN, dnsLabel, Grammar, HOST, IMAGE_REF, QUANTITY } from './grammar';

/** An RFC 1123 DNS label: names of Namespaces, Jobs, Services, pods. */
export type DnsLabel = string;
/** A DNS label of at most 52 characters: a name the workload adds a suffix to (a CronJob's Jobs, `<name>-<target>`). */
export type ShortDnsLabel = string;
/** An RFC 1123 DNS subdomain: StorageClass names. */
export type DnsSubdomain = string;
/** A host name or an IPv4 address. */
export type Host = string;
/** A Kubernetes quantity: `100m`, `64Mi`, `1Gi`. */
export type Quantity = string;
/** A container image reference. */
export type ImageRef = string;

/**
 * A string that is not empty.
 * @minLength 1
 * @description a non-empty string
 */
export type NonEmptyText = string;

/**
 * A cron schedule (the constructs check it as the API server does: src/k8s/cron.ts).
 * @minLength 1
 * @description a cron schedule
 */
export type CronScheduleText = string;

/**
 * A NodePort in the API server's default range (--service-node-port-range).
 * @minimum 30000
 * @maximum 32767
 */
export type NodePort = number;

/** The grammar of each string type above, by the type's name. */
export const GRAMMAR_OF_SETTING_TYPE: Readonly<Record<string, Grammar>> = {
  DnsLabel: DNS_LABEL,
  ShortDnsLabel: dnsLabel(52),
  DnsSubdomain: DNS_SUBDOMAIN,
  Host: HOST,
  Quantity: QUANTITY,
  ImageRef: IMAGE_REF,
};
