using System.Runtime.InteropServices;

namespace Strata.Host.Probe;

/// <summary>The few system calls the probe makes to test a feature for real instead of reading a setting.</summary>
internal static unsafe partial class Syscalls
{
    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, long a, long b, long c);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int ioctl(int fd, ulong request, long argument);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    private static bool Arm64 => RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary>io_uring_setup(2) with one entry: a ring is created (and closed) or the kernel says why not.</summary>
    public static (bool Ok, int Errno) IoUringSetup()
    {
        const long IoUringSetup = 425; // the same number on x86_64 and arm64
        var parameters = stackalloc byte[120]; // struct io_uring_params, zeroed
        new Span<byte>(parameters, 120).Clear();
        var fd = syscall(IoUringSetup, 1, (long)parameters, 0);
        if (fd < 0)
        {
            return (false, Marshal.GetLastPInvokeError());
        }
        close((int)fd);
        return (true, 0);
    }

    /// <summary>bpf(BPF_MAP_CREATE) of a one-entry array map: whether this process may use bpf() at all.</summary>
    public static (bool Ok, int Errno) BpfMapCreate()
    {
        var number = Arm64 ? 280 : 321;
        var attr = stackalloc uint[32];
        new Span<uint>(attr, 32).Clear();
        attr[0] = 2; // BPF_MAP_TYPE_ARRAY
        attr[1] = 4; // key size
        attr[2] = 4; // value size
        attr[3] = 1; // max entries
        var fd = syscall(number, 0 /* BPF_MAP_CREATE */, (long)attr, 128);
        if (fd < 0)
        {
            return (false, Marshal.GetLastPInvokeError());
        }
        close((int)fd);
        return (true, 0);
    }

    /// <summary>KVM_CREATE_VM on /dev/kvm: the kernel's KVM answers (which is not yet a bootable guest).</summary>
    public static (bool Ok, string Detail) KvmCreateVm()
    {
        var fd = open("/dev/kvm", 2 /* O_RDWR */);
        if (fd < 0)
        {
            return (false, $"open /dev/kvm failed (errno {Marshal.GetLastPInvokeError()})");
        }
        try
        {
            var vm = ioctl(fd, 0xAE01 /* KVM_CREATE_VM */, 0);
            if (vm < 0)
            {
                return (false, $"KVM_CREATE_VM failed (errno {Marshal.GetLastPInvokeError()})");
            }
            close(vm);
            return (true, "KVM_CREATE_VM succeeded");
        }
        finally
        {
            close(fd);
        }
    }
}
