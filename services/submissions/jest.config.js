module.exports = {
  displayName: 'submissions',
  preset: '../../jest.preset.js',
};
