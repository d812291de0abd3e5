using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DeviceLab.Server.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Tests.Models;

public sealed class ModelUploadTests(DeviceLabServerFixture server, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<DeviceLabServerFixture>
{
    private static ByteArrayContent Gguf(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    [Fact]
    public async Task An_upload_becomes_a_model_with_its_source_variant_and_a_second_upload_of_the_same_file_finds_it()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);
        var bytes = ModelFiles.TinyF16;

        using var created = await client.PostAsync("/api/v1/models?name=tiny-upload&description=synthetic", Gguf(bytes));
        using var again = await client.PostAsync("/api/v1/models?name=tiny-upload", Gguf(bytes));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var model = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("tiny-upload", model.GetProperty("name").GetString());
        Assert.Equal("llama", model.GetProperty("architecture").GetString());
        var variant = Assert.Single(model.GetProperty("variants").EnumerateArray());
        Assert.Equal("f16", variant.GetProperty("quantType").GetString());
        Assert.Equal("ready", variant.GetProperty("buildStatus").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), variant.GetProperty("sha256").GetString());
        Assert.Equal($"/api/v1/models/{model.GetProperty("id").GetInt64()}", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(model.GetProperty("id").GetInt64(), JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task A_multipart_upload_takes_its_name_from_the_form()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("tiny-multipart"), "name" },
            { Gguf(ModelFiles.TinyF32), "file", "tiny-f32.gguf" },
        };

        using var response = await client.PostAsync("/api/v1/models", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var model = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("tiny-multipart", model.GetProperty("name").GetString());
        Assert.Equal("f32", model.GetProperty("variants")[0].GetProperty("quantType").GetString());
    }

    [Fact]
    public async Task Without_a_name_the_model_is_named_after_the_files_general_name()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);
        var bytes = ModelFiles.TinyF16;
        bytes[^1] ^= 0x5A; // another sha256, same header

        using var response = await client.PostAsync("/api/v1/models", Gguf(bytes));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("DeviceLab-synthetic-tiny-seed-7", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_taken_name_with_another_file_is_a_conflict_and_keeps_nothing()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/models?name=tiny-taken", Gguf(ModelFiles.TinyF16))).StatusCode);
        var before = await SnapshotAsync();

        using var response = await client.PostAsync("/api/v1/models?name=tiny-taken", Gguf(ModelFiles.TinyF32));

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "exists already with another file");
        Assert.Equal(before, await SnapshotAsync());
    }

    public static TheoryData<string, string> BadFiles => new()
    {
        { "empty", "file is empty" },
        { "not-gguf", "magic" },
        { "truncated-header", "truncated or corrupt" },
        { "truncated-data", "runs past the end of the file" },
        { "wrong-architecture", "this engine runs \"llama\" models" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_corrupt_or_truncated_file_is_a_clear_400_and_leaves_no_row_and_no_file(string kind, string expected)
    {
        var bytes = ModelFiles.TinyF16;
        var body = kind switch
        {
            "empty" => [],
            "not-gguf" => "PK\u0003\u0004 this is a zip file, not a model"u8.ToArray(),
            "truncated-header" => bytes[..200],
            "truncated-data" => bytes[..(bytes.Length - 1000)],
            _ => WithArchitecture(bytes, "gpt2"),
        };
        using var client = server.CreateClient(DeviceLabRole.Operator);
        var before = await SnapshotAsync();

        using var response = await client.PostAsync($"/api/v1/models?name=bad-{kind}", Gguf(body));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, expected);
        output.WriteLine(problem);
        Assert.Contains("is not a GGUF model DeviceLab can run", problem);
        Assert.DoesNotContain(Path.Combine(server.DataDirectory, "artifacts"), problem); // no server paths in messages
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_and_the_partial_file_is_deleted()
    {
        using var small = server.Factory.WithWebHostBuilder(host => host.UseSetting("DeviceLab:Artifacts:MaxUploadBytes", "100000"));
        using var client = small.CreateClient(DeviceLabRole.Operator);
        var before = await SnapshotAsync();

        // Announced length over the limit: refused before reading. Streamed (chunked, no length): refused while reading.
        using var announced = await client.PostAsync("/api/v1/models?name=too-big", Gguf(ModelFiles.TinyF16));
        using var streamed = await client.PostAsync("/api/v1/models?name=too-big", new StreamContent(new MemoryStream(ModelFiles.TinyF16)));

        await AssertProblemAsync(announced, HttpStatusCode.RequestEntityTooLarge, "100000 bytes");
        await AssertProblemAsync(streamed, HttpStatusCode.RequestEntityTooLarge, "DeviceLab:Artifacts:MaxUploadBytes");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_bad_name_is_refused_before_anything_is_stored()
    {
        using var client = server.CreateClient(DeviceLabRole.Operator);

        using var response = await client.PostAsync("/api/v1/models?name=" + Uri.EscapeDataString("../../etc/passwd"), Gguf(ModelFiles.TinyF16));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "not a usable model name");
    }

    private static byte[] WithArchitecture(byte[] bytes, string architecture)
    {
        // "llama" → another 5-letter architecture at the same place keeps the file's layout valid.
        var copy = (byte[])bytes.Clone();
        var at = copy.AsSpan().IndexOf("llama"u8);
        System.Text.Encoding.ASCII.GetBytes(architecture.PadRight(5, 'x')[..5]).CopyTo(copy, at);
        return copy;
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        return body;
    }

    /// <summary>Rows and stored files, to show a refused upload changed nothing.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = server.CreateDbContext();
        var store = Path.Combine(server.DataDirectory, "artifacts");
        var files = Directory.Exists(store) ? Directory.GetFiles(store, "*", SearchOption.AllDirectories).Order().ToArray() : [];
        return $"models {await db.Models.CountAsync()}, variants {await db.Variants.CountAsync()}, artifacts {await db.Artifacts.CountAsync()}, files [{string.Join(", ", files)}]";
    }
}

/// <summary>A client that dies in the middle of an upload leaves nothing behind.</summary>
public sealed class DroppedUploadTests(DeviceLabServerFixture server) : IClassFixture<DeviceLabServerFixture>
{
    [Fact]
    public async Task An_upload_cut_off_midway_leaves_no_row_and_no_file()
    {
        using var client = server.CreateClient(DeviceLab.Server.Auth.DeviceLabRole.Operator);
        client.Timeout = TimeSpan.FromSeconds(5); // the in-memory server waits for the rest of the body until the client gives up
        var content = new StreamContent(new FailingStream(ModelFiles.TinyF16, failAfterBytes: 100_000));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");

        await Assert.ThrowsAnyAsync<Exception>(() => client.PostAsync("/api/v1/models?name=dropped", content));

        // The server notices the broken body on its side; give it a moment to clean up.
        var store = Path.Combine(server.DataDirectory, "artifacts");
        for (var i = 0; i < 50 && Directory.Exists(Path.Combine(store, "tmp")) && Directory.EnumerateFiles(Path.Combine(store, "tmp")).Any(); i++)
            await Task.Delay(100);
        Assert.False(Directory.Exists(Path.Combine(store, "tmp")) && Directory.EnumerateFiles(Path.Combine(store, "tmp")).Any());
        Assert.False(Directory.Exists(Path.Combine(store, "sha256")));
        await using var db = server.CreateDbContext();
        Assert.False(db.Models.Any(m => m.Name == "dropped"));
    }

    /// <summary>Gives the first bytes of a file, then fails like a dropped connection.</summary>
    private sealed class FailingStream(byte[] bytes, int failAfterBytes) : Stream
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= failAfterBytes) throw new IOException("connection reset by the test");
            var n = Math.Min(Math.Min(count, 16_384), failAfterBytes - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
