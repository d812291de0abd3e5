namespace DeviceLab.Cli.Tests.Lab;

/// <summary>Every way a server command can be asked wrongly: one line on standard error, nothing on standard output, a non-zero exit code.</summary>
[Collection(LabCollection.Name)]
public sealed class BadInputTests(LabServer lab)
{
    [Fact]
    public async Task A_wrong_api_key_is_one_line_and_exit_code_4()
    {
        var run = await CliRun.InvokeAsync("devices", "list", "--server", lab.Address, "--api-key", "dlk_this-key-was-never-issued-by-this-server-000");

        Expect(run, 4, $"The server at {lab.Address} refused the API key (401)");
    }

    [Fact]
    public async Task No_api_key_says_how_to_give_one()
    {
        var run = await CliRun.InvokeAsync("suites", "list", "--server", lab.Address);

        Expect(run, 4, "needs an API key (401): pass --api-key or set DEVICELAB_API_KEY.");
    }

    [Fact]
    public async Task An_unreachable_server_is_one_line_and_exit_code_4_or_5_for_commands_that_wait()
    {
        var address = $"http://127.0.0.1:{lab.DeadPort}";
        Expect(await CliRun.InvokeAsync("compare", "--model", "x", "--server", address, "--api-key", lab.OperatorKey), 4,
            $"Cannot reach the DeviceLab server at {address}/ (connection refused: is the server running?)");
        Expect(await CliRun.InvokeAsync("runs", "wait", "1", "--server", address, "--api-key", lab.OperatorKey), 5,
            $"Cannot reach the DeviceLab server at {address}/");
    }

    [Fact]
    public async Task An_unknown_model_names_the_models_there_are()
    {
        await LabModels.UploadAndBuildAsync(lab, "cli-known-model", seed: 21);

        var run = await lab.CliAsync("compare", "--model", "no-such-model");

        Expect(run, 4, "There is no model 'no-such-model' on ");
        Assert.Contains("cli-known-model", run.ErrorLine);
    }

    [Fact]
    public async Task An_unknown_run_is_exit_code_5_for_runs_wait_and_4_for_runs_show()
    {
        Expect(await lab.CliAsync("runs", "wait", "987654"), 5, "There is no run with id 987654.");
        Expect(await lab.CliAsync("runs", "show", "987654"), 4, "There is no run with id 987654.");
    }

    [Fact]
    public async Task A_missing_upload_file_is_exit_code_1()
    {
        var run = await lab.CliAsync("models", "upload", lab.Scratch.Combine("nothing-here.gguf"));

        Expect(run, 1, "There is no file ");
    }

    [Fact]
    public async Task A_file_that_is_not_gguf_is_refused_by_the_server_in_one_line()
    {
        var path = lab.Scratch.Combine("notes.gguf");
        File.WriteAllText(path, "these are my notes, not a model");

        var run = await lab.CliAsync("models", "upload", path, "--name", "cli-not-gguf");

        Expect(run, 4, "The server refused POST /api/v1/models?name=cli-not-gguf (400 Bad Request)");
    }

    private static void Expect(CliRun run, int exitCode, string message)
    {
        Assert.True(run.ExitCode == exitCode, run.ToString());
        Assert.Equal("", run.Output);
        Assert.StartsWith("error: ", run.ErrorLine);
        Assert.Contains(message, run.ErrorLine);
    }
}
