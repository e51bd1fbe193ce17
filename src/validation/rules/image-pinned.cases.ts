import { CorpusCase, NS, pod, WEB, webContainer } from '../corpus';

export const cases: CorpusCase[] = [
  {
    name: 'untagged image (pulls :latest)',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].image = 'alpine';
    },
    expected: {
      rule: 'image-pinned',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].image',
      value: 'alpine',
    },
  },
  {
    name: 'image tagged :latest',
    breakIt: (o) => {
      pod(o, 'CronJob', 'tick').containers[0].image = 'busybox:latest';
    },
    expected: {
      rule: 'image-pinned',
      object: `CronJob/${NS}/tick`,
      path: 'spec.jobTemplate.spec.template.spec.containers[0].image',
      value: 'busybox:latest',
    },
  },
  {
    name: "tag naming no version (the seed's redis:alpine)",
    breakIt: (o) => {
      webContainer(o).image = 'redis:alpine';
    },
    expected: { rule: 'image-pinned', object: `Deployment/${NS}/web`, path: `${WEB}.image`, value: 'redis:alpine' },
  },
  {
    name: "the voting app's :before tag (rebuilt on every push to main)",
    breakIt: (o) => {
      webContainer(o).image = 'dockersamples/examplevotingapp_vote:before';
    },
    expected: {
      rule: 'image-pinned',
      object: `Deployment/${NS}/web`,
      path: `${WEB}.image`,
      value: 'dockersamples/examplevotingapp_vote:before',
    },
  },
  {
    name: ':latest with a malformed digest',
    breakIt: (o) => {
      pod(o, 'Job', 'once').containers[0].image = 'alpine:latest@sha256:7102d3b9';
    },
    expected: {
      rule: 'image-pinned',
      object: `Job/${NS}/once`,
      path: 'spec.template.spec.containers[0].image',
      value: 'alpine:latest@sha256:7102d3b9',
    },
  },
];
