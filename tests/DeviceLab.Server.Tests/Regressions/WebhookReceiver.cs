using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace DeviceLab.Server.Tests.Regressions;

/// <summary>
/// A loopback HTTP server that plays the webhook's other end: it keeps every request it gets, and answers 500 to the
/// first <see cref="FailFirst"/> requests of a path (to exercise retries). Stopped and its port freed on dispose.
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        Port = DeviceLab.Testing.Adb.LoopbackPorts.PickFree();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string UrlOf(string path) => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>Requests received so far, in order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Answer 500 to the next <paramref name="count"/> requests on <paramref name="path"/>.</summary>
    public void FailFirst(string path, int count) => _failuresLeft[path] = count;

    /// <summary>Waits until a request on <paramref name="path"/> matches.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(string path, Func<ReceivedWebhook, bool> match, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(r => r.Path == path && match(r)) is { } found) return found;
            await Task.Delay(50);
        }
        throw new TimeoutException($"No matching webhook on /{path} within {patience.TotalSeconds} s; got {Received.Count} request(s).");
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath.Trim('/');
            var fail = _failuresLeft.TryGetValue(path, out var left) && left > 0 && _failuresLeft.TryUpdate(path, left - 1, left);
            Received.Enqueue(new ReceivedWebhook(path, context.Request.ContentType ?? "", body, fail ? 500 : 200));
            context.Response.StatusCode = fail ? 500 : 200;
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(fail ? "receiver told to fail" : "ok"));
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

/// <summary>One request the receiver got and what it answered.</summary>
public sealed record ReceivedWebhook(string Path, string ContentType, string Body, int AnsweredStatus);
