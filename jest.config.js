// `npm test` runs every project's jest config, including tests/* (integration).
module.exports = {
  projects: ['<rootDir>/{libs,services,tests}/*/jest.config.js'],
};
