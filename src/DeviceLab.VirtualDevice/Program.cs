using DeviceLab.VirtualDevice.Hosting;

return await VirtualDeviceCommand.InvokeAsync(args);
