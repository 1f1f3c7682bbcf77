// The query GraphiQL opens with: a tour of the catalog that stays well inside the query limits.
export const exampleQuery = /* GraphQL */ `# Welcome to the City Open Data gateway.
# Press play to browse the catalog; the book icon opens the docs.
query Catalog {
  datasets(first: 10, filter: { accessLevel: PUBLIC }) {
    edges {
      node {
        identifier
        title
        modified
        accrualPeriodicity
        keywords
        publisher { name }
        steward { name title }
        contactPoint { fn hasEmail }
        license { spdxId name specified notice }
        distributions { format mediaType downloadURL accessURL }
        fields { name type nullable pii }
        recordCount
      }
    }
    pageInfo { hasNextPage endCursor }
  }
  licenses { spdxId name specified }
}
`;
