module.exports = {
  displayName: 'reporting',
  preset: '../../jest.preset.js',
};
