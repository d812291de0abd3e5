using DeviceLab.Agent.Commands;
using DeviceLab.Agent.Output;

return await AgentApplication.RunAsync(args, AgentConsole.Process());
