using System.CommandLine;
using Strata.Rendering.Json;
using Strata.Rendering.Yaml;

namespace Strata.Cli.Commands;

/// <summary><c>strata probe</c>: what this host can do, as a profile's host: block with how each fact was found.</summary>
public static class ProbeCommand
{
    public static Command Build(CliEnvironment env)
    {
        var output = GlobalOptions.Output("yaml", "json");
        var deep = new Option<bool>("--deep") { Description = "Also try to boot a KVM guest (the host's kernel under qemu, 25 s hard timeout): /dev/kvm existing proves nothing." };
        var cmd = new Command("probe",
            "Read what this host can do, without changing it: architecture, CPUs, memory, kernel, cgroup layout, user namespaces, " +
            "seccomp, io_uring (a real io_uring_setup), eBPF (a real bpf() call, BTF), overlayfs, /dev/kvm, GPUs, and the isolation " +
            "tools installed with their versions. The YAML is a host: block the engine reads.\n\n" +
            "Examples:\n  strata probe -o yaml > host.yaml\n  strata recommend examples/edge.yaml --host host.yaml\n  strata probe --deep -o json")
        {
            output, deep,
        };
        cmd.SetAction(parse =>
        {
            var report = env.Application.Probe(parse.GetValue(deep));
            if (parse.GetValue(output) == "json")
            {
                ProbeJson.Write(env.Out, report);
            }
            else
            {
                ProbeYaml.Write(env.Out, report);
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
