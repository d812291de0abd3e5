using DeviceLab.Cli;

return await CliApplication.BuildRootCommand().Parse(args).InvokeAsync();
