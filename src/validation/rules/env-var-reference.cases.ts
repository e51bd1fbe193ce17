import { CorpusCase, NS, pod, WEB, webContainer } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: "$(VAR) the container does not define (the seed's MAX-HOPS vs MAX_HOPS)",
    breakIt: (o) => {
      webContainer(o).command = ['/bin/sh', '-c', 'traceroute -m $(MAX_HOPS) $(TARGET)'];
    },
    expected: {
      rule: 'env-var-reference',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.command[2]`,
      value: '$(MAX_HOPS)',
    },
  },
  {
    name: '$(VAR) in args',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].args = ['--target=$(TARGET)'];
    },
    expected: {
      rule: 'env-var-reference',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].args[0]',
      value: '$(TARGET)',
    },
  },
];
