// electron-builder's beforePack hook (electron-builder.yml). keytar's native addon is compiled by
// `npm ci` for the build machine and packed as it is (npmRebuild: false): a package for another
// platform or architecture would carry a keytar that cannot load there. Build each target on itself.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

exports.default = async function checkTarget(context) {
  const platform = context.electronPlatformName;
  const arch = ARCH_NAMES[context.arch];
  if (platform !== process.platform || arch !== process.arch) {
    throw new Error(`Parley's ${platform}-${arch} package must be built on a ${platform}-${arch} machine: keytar is compiled for this one (${process.platform}-${process.arch}).`);
  }
};
