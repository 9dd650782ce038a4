/**
 * The workspace's architecture as its lint rules state it: no engines, no build.
 */
module.exports = {
  displayName: 'architecture',
  preset: '../../jest.preset.js',
};
