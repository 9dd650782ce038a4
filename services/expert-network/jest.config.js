module.exports = {
  displayName: 'expert-network',
  preset: '../../jest.preset.js',
};
