using System.CommandLine;

var root = new RootCommand("devicelab: benchmark on-device LLM inference across a device fleet");
return await root.Parse(args).InvokeAsync();
