// The quiz page hydrates so answers are saved as they are chosen; without JavaScript the Save button does it.
export const csr = true;
