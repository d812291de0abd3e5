using System.Globalization;
using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using DeviceLab.VirtualDevice.Wire;

namespace DeviceLab.VirtualDevice.Services.Forwarding;

/// <summary>
/// <c>reverse:</c> requests, answered like adbd answers them: <c>forward:[norebind:]LOCAL;REMOTE</c>
/// → OKAY (plus the port when LOCAL was tcp:0), <c>killforward:LOCAL</c> and <c>killforward-all</c>
/// → OKAY, <c>list-forward</c> → length-prefixed list; FAIL + length-prefixed message on error.
/// </summary>
internal sealed class ReverseService(ReverseRules rules, string request) : IDeviceService
{
    public async Task RunAsync(DeviceStream stream)
    {
        var output = stream.Output;
        if (request == "list-forward")
        {
            WriteProtocolString(output, rules.List());
        }
        else if (request == "killforward-all")
        {
            await rules.RemoveAllAsync().ConfigureAwait(false);
            WriteOkay(output);
        }
        else if (request.StartsWith("killforward:", StringComparison.Ordinal))
        {
            var problem = await rules.RemoveAsync(request["killforward:".Length..]).ConfigureAwait(false);
            if (problem is null) WriteOkay(output);
            else WriteFail(output, problem);
        }
        else if (request.StartsWith("forward:", StringComparison.Ordinal))
        {
            var spec = request["forward:".Length..];
            var noRebind = spec.StartsWith("norebind:", StringComparison.Ordinal);
            if (noRebind) spec = spec["norebind:".Length..];
            var parts = spec.Split(';');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                WriteFail(output, $"bad forward request '{request}': expected forward:LOCAL;REMOTE");
            }
            else
            {
                var (port, problem) = await rules.AddAsync(parts[0], parts[1], noRebind).ConfigureAwait(false);
                if (problem is not null)
                {
                    WriteFail(output, problem);
                }
                else
                {
                    WriteOkay(output);
                    if (parts[0] == "tcp:0") WriteProtocolString(output, port.ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        else
        {
            WriteFail(output, $"unknown reverse request '{request}'");
        }
        await output.FlushAsync(stream.Closed).ConfigureAwait(false);
    }

    private static void WriteOkay(PipeWriter output) => output.Write("OKAY"u8);

    private static void WriteFail(PipeWriter output, string message)
    {
        output.Write("FAIL"u8);
        WriteProtocolString(output, message);
    }

    /// <summary>4 hex digits of length, then the text (the smart-socket string format).</summary>
    private static void WriteProtocolString(PipeWriter output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        output.Write(Encoding.ASCII.GetBytes(bytes.Length.ToString("x4", CultureInfo.InvariantCulture)));
        output.Write(bytes);
    }
}
