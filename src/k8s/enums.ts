// Enumerations the API server enforces that the OpenAPI v2 definitions only describe in prose
// (`One of Always, OnFailure, Never`). Read from the Kubernetes 1.27 Go types (the `+enum` markers of
// k8s.io/api) for the fields a manifest sets; status fields are left out (synth never writes them).
// Keyed by definition id without `io.k8s.api.`, then field. Values added by later releases are
// listed too: an enum value is never removed once served.

export const ENUMS: Record<string, Record<string, readonly string[]>> = {
  'apps.v1.DaemonSetUpdateStrategy': { type: ['OnDelete', 'RollingUpdate'] },
  'apps.v1.DeploymentStrategy': { type: ['Recreate', 'RollingUpdate'] },
  'apps.v1.StatefulSetSpec': { podManagementPolicy: ['OrderedReady', 'Parallel'] },
  'apps.v1.StatefulSetUpdateStrategy': { type: ['OnDelete', 'RollingUpdate'] },
  'apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': {
    whenDeleted: ['Delete', 'Retain'],
    whenScaled: ['Delete', 'Retain'],
  },
  'batch.v1.CronJobSpec': { concurrencyPolicy: ['Allow', 'Forbid', 'Replace'] },
  'batch.v1.JobSpec': {
    completionMode: ['Indexed', 'NonIndexed'],
    podReplacementPolicy: ['Failed', 'TerminatingOrFailed'],
  },
  'batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: ['In', 'NotIn'] },
  'batch.v1.PodFailurePolicyRule': { action: ['Count', 'FailIndex', 'FailJob', 'Ignore'] },
  'core.v1.Container': {
    imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
    terminationMessagePolicy: ['FallbackToLogsOnError', 'File'],
  },
  'core.v1.EphemeralContainer': {
    imagePullPolicy: ['Always', 'IfNotPresent', 'Never'],
    terminationMessagePolicy: ['FallbackToLogsOnError', 'File'],
  },
  'core.v1.ContainerPort': { protocol: ['SCTP', 'TCP', 'UDP'] },
  'core.v1.ServicePort': { protocol: ['SCTP', 'TCP', 'UDP'] },
  'core.v1.EndpointPort': { protocol: ['SCTP', 'TCP', 'UDP'] },
  'core.v1.HTTPGetAction': { scheme: ['HTTP', 'HTTPS'] },
  'core.v1.HostPathVolumeSource': {
    type: ['', 'BlockDevice', 'CharDevice', 'Directory', 'DirectoryOrCreate', 'File', 'FileOrCreate', 'Socket'],
  },
  'core.v1.NodeSelectorRequirement': { operator: ['DoesNotExist', 'Exists', 'Gt', 'In', 'Lt', 'NotIn'] },
  'core.v1.PersistentVolumeClaimSpec': { volumeMode: ['Block', 'Filesystem'] },
  'core.v1.PersistentVolumeSpec': {
    persistentVolumeReclaimPolicy: ['Delete', 'Recycle', 'Retain'],
    volumeMode: ['Block', 'Filesystem'],
  },
  'core.v1.PodSecurityContext': { fsGroupChangePolicy: ['Always', 'OnRootMismatch'] },
  'core.v1.PodSpec': {
    dnsPolicy: ['ClusterFirst', 'ClusterFirstWithHostNet', 'Default', 'None'],
    preemptionPolicy: ['Never', 'PreemptLowerPriority'],
    restartPolicy: ['Always', 'Never', 'OnFailure'],
  },
  'core.v1.ScopedResourceSelectorRequirement': {
    operator: ['DoesNotExist', 'Exists', 'In', 'NotIn'],
    scopeName: [
      'BestEffort',
      'CrossNamespacePodAffinity',
      'NotBestEffort',
      'NotTerminating',
      'PriorityClass',
      'Terminating',
      'VolumeAttributesClass',
    ],
  },
  'core.v1.SeccompProfile': { type: ['Localhost', 'RuntimeDefault', 'Unconfined'] },
  'core.v1.SecurityContext': { procMount: ['Default', 'Unmasked'] },
  'core.v1.ServiceSpec': {
    externalTrafficPolicy: ['Cluster', 'Local'],
    internalTrafficPolicy: ['Cluster', 'Local'],
    ipFamilyPolicy: ['PreferDualStack', 'RequireDualStack', 'SingleStack'],
    sessionAffinity: ['ClientIP', 'None'],
    type: ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'],
  },
  'core.v1.Taint': { effect: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'] },
  'core.v1.Toleration': { effect: ['NoExecute', 'NoSchedule', 'PreferNoSchedule'], operator: ['Equal', 'Exists'] },
  'core.v1.TopologySpreadConstraint': {
    nodeAffinityPolicy: ['Honor', 'Ignore'],
    nodeTaintsPolicy: ['Honor', 'Ignore'],
    whenUnsatisfiable: ['DoNotSchedule', 'ScheduleAnyway'],
  },
  'core.v1.VolumeMount': { mountPropagation: ['Bidirectional', 'HostToContainer', 'None'] },
  'discovery.v1.EndpointPort': { protocol: ['SCTP', 'TCP', 'UDP'] },
  'discovery.v1.EndpointSlice': { addressType: ['FQDN', 'IPv4', 'IPv6'] },
  'networking.v1.HTTPIngressPath': { pathType: ['Exact', 'ImplementationSpecific', 'Prefix'] },
  'networking.v1.NetworkPolicyPort': { protocol: ['SCTP', 'TCP', 'UDP'] },
};
