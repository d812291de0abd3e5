using DeviceLab.VirtualDevice.Hosting;

return await VirtualDeviceCommand.Create().Parse(args).InvokeAsync();
