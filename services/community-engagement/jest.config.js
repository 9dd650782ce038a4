module.exports = {
  displayName: 'community-engagement',
  preset: '../../jest.preset.js',
};
