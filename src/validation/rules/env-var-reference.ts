import { C_IDENTIFIER, ENV_VAR_NAME } from '../../k8s/grammar';
import { POD_TEMPLATE_KINDS } from '../bundle';
import type { FindingDraft, Rule } from '../types';
import type { Json } from '../../json';

/** `$(NAME)` references Kubernetes would expand in a command or argument (`$$(` escapes). */
export function variableReferences(text: string): string[] {
  const names: string[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    if (text[i] !== '$') continue;
    if (text[i + 1] === '$') {
      i++;
      continue;
    }
    if (text[i + 1] !== '(') continue;
    const end = text.indexOf(')', i + 2);
    if (end < 0) break;
    names.push(text.slice(i + 2, end));
    i = end;
  }
  return names;
}

export const envVarReference: Rule = {
  id: 'env-var-reference',
  description:
    '$(VAR) in command and args names a variable the container defines; Kubernetes leaves unknown ones as text, which the shell then runs as a command',
  remediation: 'define the variable in env (or envFrom), fix its name, or write $$(VAR) for a literal',
  kinds: POD_TEMPLATE_KINDS,
  looksUp: ['ConfigMap', 'Secret'],
  check(bundle) {
    const findings: FindingDraft[] = [];
    for (const t of bundle.podTemplates) {
      for (const { container, path } of t.containers) {
        const defined = new Set<string>((Array.isArray(container.env) ? container.env : []).map((e: Json) => e?.name));
        (Array.isArray(container.envFrom) ? container.envFrom : []).forEach((e: Json) => {
          const source = e?.configMapRef
            ? bundle.get('ConfigMap', t.namespace, e.configMapRef.name)
            : e?.secretRef
              ? bundle.get('Secret', t.namespace, e.secretRef.name)
              : undefined;
          for (const key of Object.keys({ ...source?.manifest.data, ...source?.manifest.stringData }))
            defined.add(`${e.prefix ?? ''}${key}`);
        });
        for (const field of ['command', 'args']) {
          // A string instead of a list is the schema rule's finding; nothing to expand here.
          (Array.isArray(container[field]) ? container[field] : []).forEach((arg: unknown, i: number) => {
            if (typeof arg !== 'string') return;
            for (const name of variableReferences(arg)) {
              // `$(cat file)` is not a variable name: Kubernetes leaves it to the shell, as intended.
              if (!C_IDENTIFIER.test(name) && !ENV_VAR_NAME.test(name)) continue;
              if (!defined.has(name)) {
                findings.push({
                  object: t.object,
                  path: `${path}.${field}[${i}]`,
                  value: `$(${name})`,
                  expected: `a variable the container defines (${[...defined].join(', ') || 'none'}), or $$(${name}) for a literal`,
                });
              }
            }
          });
        }
      }
    }
    return findings;
  },
};
