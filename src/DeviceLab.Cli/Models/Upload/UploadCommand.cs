using System.CommandLine;
using DeviceLab.Cli.Api;
using DeviceLab.Cli.Terminal;

namespace DeviceLab.Cli.Models.Upload;

/// <summary><c>devicelab models upload FILE</c>: streams a GGUF file to the server with a progress bar.</summary>
public static class UploadCommand
{
    public static Command Create()
    {
        var api = new ApiOptions();
        var file = new Argument<FileInfo>("FILE") { Description = "The llama GGUF file (F32/F16 to build variants from, or an already quantized file)." };
        var name = new Option<string?>("--name") { HelpName = "NAME", Description = "Model name on the server (default: the file's general.name)." };
        var description = new Option<string?>("--description") { HelpName = "TEXT", Description = "A description shown with the model." };
        var json = new Option<bool>("--json") { Description = "Write the uploaded model as JSON (the API's shape) instead of text." };
        var command = api.AddTo(new Command("upload", """
            [server] Upload a GGUF model file to the DeviceLab server, streamed with a progress bar (sizes in MB, speed in MB/s).
            The server checks the file with DeviceLab's engine and refuses one the agent could not run. Uploading the same
            file under the same name again changes nothing and prints the existing model.

            Examples:
              devicelab models upload smollm-135m-f16.gguf --name smollm-135m
              DEVICELAB_SERVER=http://lab:5080 DEVICELAB_API_KEY=dlk_… devicelab models upload model.gguf --json

            Exit codes: 0 uploaded (or already there), 1 invalid command line or missing file, 4 server problem
            (unreachable, API key refused, file refused by the server — the message says why).
            """)
        {
            file, name, description, json,
        });
        command.SetAction((parse, cancellationToken) => ServerAction.RunAsync(parse, api, async (client, terminal) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (!File.Exists(path)) throw new CliInputException($"There is no file {path} to upload.");
            var model = await UploadAsync(client, terminal, path, parse.GetValue(name), parse.GetValue(description), cancellationToken);
            if (parse.GetValue(json)) terminal.WriteJson(model);
            else ModelText.Write(terminal, model);
            return ApiExitCodes.Success;
        }, timeout: Timeout.InfiniteTimeSpan));
        return command;
    }

    /// <summary>Uploads with a progress line; shared with <c>models add-from-catalog</c> and the demo.</summary>
    internal static Task<ModelInfo> UploadAsync(
        ApiClient client, CommandTerminal terminal, string path, string? name, string? description, CancellationToken cancellationToken)
    {
        var bytes = new FileInfo(path).Length;
        return ProgressBoard.RunAsync(terminal, bytes: true, async board =>
        {
            var line = board.Add($"upload {Path.GetFileName(path)}", bytes);
            var model = await client.UploadModelAsync(path, name, description, new Progress<long>(sent => line.Update(sent)), cancellationToken);
            line.Finish($"uploaded {Path.GetFileName(path)} as model {model.Name} (id {model.Id})");
            return model;
        });
    }
}
