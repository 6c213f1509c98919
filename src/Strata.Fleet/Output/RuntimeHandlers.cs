namespace Strata.Fleet.Output;

/// <summary>
/// The CRI handler name a RuntimeClass names for each catalogue runtime that runs pods, with where that name is
/// documented. A handler is whatever the node's containerd or CRI-O configuration calls the runtime; these are the
/// names the projects' own install guides (or K3s' auto-detection) register. A runtime not listed here runs no pods
/// through a RuntimeClass (a VM, KubeVirt, firecracker-containerd) and gets none.
/// </summary>
public static class RuntimeHandlers
{
    public sealed record Handler(string Name, Uri Source);

    private static readonly Dictionary<string, Handler> ById = new(StringComparer.Ordinal)
    {
        ["runc"] = new("runc", new Uri("https://github.com/containerd/containerd/blob/main/docs/cri/config.md")),
        ["crun"] = new("crun", new Uri("https://docs.k3s.io/advanced#alternative-container-runtime-support")),
        ["youki"] = new("youki", new Uri("https://github.com/youki-dev/youki/blob/main/README.md")),
        ["gvisor"] = new("runsc", new Uri("https://gvisor.dev/docs/user_guide/containerd/quick_start/")),
        ["kata"] = new("kata", new Uri("https://github.com/kata-containers/kata-containers/blob/main/docs/how-to/containerd-kata.md")),
        ["firecracker"] = new("kata-fc", new Uri("https://github.com/kata-containers/kata-containers/tree/main/tools/packaging/kata-deploy/runtimeclasses")),
        ["wasmedge"] = new("wasmedge", new Uri("https://docs.k3s.io/advanced#alternative-container-runtime-support")),
        ["wasmtime"] = new("wasmtime", new Uri("https://docs.k3s.io/advanced#alternative-container-runtime-support")),
    };

    public static Handler? For(string technology) => ById.GetValueOrDefault(technology);
}
