namespace Strata.TestSupport;

/// <summary>What outside tests rely on: the stable technology ids of the foundation issue, with their layers.</summary>
public static class Expectations
{
    public static IReadOnlyList<(string Id, string Layer)> RequiredTechnologies { get; } =
    [
        ("kubernetes", "orchestration"), ("k3s", "orchestration"), ("kubeedge", "edge-extension"),
        ("runc", "runtime"), ("crun", "runtime"), ("wasmedge", "runtime"), ("gvisor", "runtime"),
        ("kata", "runtime"), ("firecracker", "runtime"), ("vm", "runtime"),
        ("etcd", "datastore"), ("sqlite", "datastore"), ("external-db", "datastore"),
        ("flannel", "network"), ("calico", "network"), ("cilium", "network"),
        ("opa", "policy"), ("opa-wasm", "policy"), ("gatekeeper", "policy"), ("kyverno", "policy"),
        ("knative", "serverless"), ("openfaas", "serverless"), ("keda", "serverless"),
        ("istio", "service-mesh"), ("linkerd", "service-mesh"), ("nsm", "cross-domain-network"),
        ("namespaces", "tenancy"), ("capsule", "tenancy"), ("vcluster", "tenancy"),
        ("prometheus", "observability"), ("grafana", "observability"),
        ("nvidia-container-toolkit", "accelerator"), ("gpu-passthrough", "accelerator"), ("vgpu", "accelerator"), ("mig", "accelerator"),
        ("traefik", "gateway"), ("kong", "gateway"),
        ("containerd", "container-engine"), ("docker", "container-engine"), ("kafka", "messaging"),
        ("rook-ceph", "storage"), ("argocd", "delivery"),
    ];
}
